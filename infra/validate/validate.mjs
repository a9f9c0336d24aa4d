#!/usr/bin/env node
// Validates the deployment files with the tools' own validators, offline:
//   helm lint --strict, helm template | kubeconform -strict (schemas generated from the Kubernetes
//   OpenAPI document shipped in the k8s.io/cli-runtime Go module), docker compose config -q.
// helm, kubeconform and docker compose are built once from the Go module proxy and cached outside
// the repository, like the Temporal dev server (infra/temporal/temporal-binary.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const infraDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const KUBERNETES_VERSION = '1.30.0';

// Versions whose go.mod has no replace/exclude directive (`go install pkg@version` refuses those).
export const TOOLS = {
  helm: { version: 'v3.22.0', pkg: 'helm.sh/helm/v3/cmd/helm', built: 'helm' },
  kubeconform: { version: 'v0.8.0', pkg: 'github.com/yannh/kubeconform/cmd/kubeconform', built: 'kubeconform' },
  'docker-compose': { version: 'v2.34.0', pkg: 'github.com/docker/compose/v2/cmd', built: 'cmd' },
};
// The OpenAPI document of the Kubernetes API that the schemas are generated from.
const OPENAPI_MODULE = 'k8s.io/cli-runtime@v0.37.0';
const OPENAPI_FILE = 'artifacts/openapi/swagger.json';

function cacheDir() {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'waymark', 'tools');
}

function goEnv() {
  return { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local' };
}

export function ensureTool(name, { log = console.error } = {}) {
  const tool = TOOLS[name];
  const dir = join(cacheDir(), `${name}-${tool.version.slice(1)}`);
  const binary = join(dir, name);
  if (existsSync(binary)) return binary;
  if (spawnSync('go', ['version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`${name} is not cached in ${dir} and no Go toolchain is installed to build it`);
  }
  mkdirSync(dir, { recursive: true });
  log(`infra: building ${name} ${tool.version} with Go (first run only)…`);
  execFileSync('go', ['install', `${tool.pkg}@${tool.version}`], {
    env: { ...goEnv(), GOBIN: dir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (tool.built !== name) renameSync(join(dir, tool.built), binary);
  return binary;
}

// `docker compose` when the plugin exists (it needs no engine for `config`), else the built binary.
export function composeCommand() {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  return [ensureTool('docker-compose')];
}

function openApiDocument() {
  const out = execFileSync('go', ['mod', 'download', '-json', OPENAPI_MODULE], { env: goEnv(), encoding: 'utf8' });
  const { Dir: moduleDir } = JSON.parse(out);
  return JSON.parse(readFileSync(join(moduleDir, OPENAPI_FILE), 'utf8'));
}

// Same file names as kubeconform's default registry: <kind>[-<group>]-<version>.json.
export function schemaFileName(apiVersion, kind) {
  const [groupOrVersion, version] = apiVersion.split('/');
  const group = version === undefined ? '' : groupOrVersion.split('.')[0];
  const suffix = version === undefined ? `-${groupOrVersion}` : `-${group}-${version}`;
  return `${kind.toLowerCase()}${suffix.toLowerCase()}.json`;
}

// openapi2jsonschema's "standalone-strict" shape: unknown fields are errors, IntOrString and
// Quantity accept numbers and strings, each file carries the definitions it references.
function strictify(node) {
  if (Array.isArray(node)) return node.map(strictify);
  if (node === null || typeof node !== 'object') return node;
  if (node.format === 'int-or-string') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  const copy = {};
  for (const [key, value] of Object.entries(node)) copy[key] = key === 'properties' ? mapValues(value, strictify) : strictify(value);
  const open = copy['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in copy;
  if (copy.properties && !open) copy.additionalProperties = false;
  return copy;
}

function mapValues(object, fn) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}

function referencedDefinitions(definitions, rootName) {
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace('#/definitions/', '');
      if (!seen.has(name)) {
        seen.add(name);
        visit(definitions[name]);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(definitions[rootName]);
  return seen;
}

function writeSchemas(document, dir, wanted) {
  const definitions = mapValues(document.definitions, strictify);
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  for (const [name, definition] of Object.entries(document.definitions)) {
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      const file = schemaFileName(apiVersion, gvk.kind);
      if (!wanted.has(file)) continue;
      const closure = Object.fromEntries([...referencedDefinitions(definitions, name)].map((n) => [n, definitions[n]]));
      writeFileSync(join(dir, file), JSON.stringify({ ...definitions[name], definitions: closure }));
    }
  }
}

// Generates (once, cached) a strict schema for every apiVersion/kind in the rendered manifests.
export function ensureKubernetesSchemas(manifests) {
  const dir = join(cacheDir(), `kubernetes-schemas-${OPENAPI_MODULE.replace(/[@/]/g, '_')}`);
  mkdirSync(dir, { recursive: true });
  const wanted = new Set();
  for (const match of manifests.matchAll(/^apiVersion:\s*(\S+)\s*\nkind:\s*(\S+)/gm)) wanted.add(schemaFileName(match[1], match[2]));
  const missing = new Set([...wanted].filter((file) => !existsSync(join(dir, file))));
  if (missing.size > 0) writeSchemas(openApiDocument(), dir, missing);
  const stillMissing = [...missing].filter((file) => !existsSync(join(dir, file)));
  if (stillMissing.length > 0) throw new Error(`no Kubernetes schema for ${stillMissing.join(', ')} in ${OPENAPI_MODULE}`);
  return dir;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return { ok: result.status === 0, output: result.error ? String(result.error) : output, stdout: result.stdout ?? '' };
}

// The chart is checked with its defaults and with every optional part switched on.
const HELM_VALUE_SETS = {
  defaults: [],
  'everything on': ['--set', 'ingress.enabled=true', '--set', 'ingress.className=nginx', '--set', 'config.otelExporterOtlpEndpoint=http://otel:4318',
    '--set', 'api.autoscaling.enabled=false', '--set', 'config.demoData=true', '--set', 'image.registry=registry.example.com'],
};

export function validateInfra({ log = console.error } = {}) {
  const chart = join(infraDir, 'helm/waymark');
  const results = [];
  const helm = ensureTool('helm', { log });
  const kubeconform = ensureTool('kubeconform', { log });
  results.push({ check: 'helm lint --strict', ...run(helm, ['lint', chart, '--strict', '--kube-version', KUBERNETES_VERSION]) });
  for (const [name, args] of Object.entries(HELM_VALUE_SETS)) {
    const rendered = run(helm, ['template', 'waymark', chart, '--kube-version', KUBERNETES_VERSION, ...args]);
    if (!rendered.ok) {
      results.push({ check: `helm template (${name})`, ...rendered });
      continue;
    }
    const schemas = ensureKubernetesSchemas(rendered.stdout);
    const conform = run(kubeconform, ['-strict', '-summary', '-kubernetes-version', KUBERNETES_VERSION,
      '-schema-location', join(schemas, '{{ .ResourceKind }}{{ .KindSuffix }}.json'), '-'], { input: rendered.stdout });
    results.push({ check: `helm template (${name}) | kubeconform -strict`, ...conform });
  }
  // The chart's values.schema.json must refuse bad values before anything reaches a cluster.
  const refused = run(helm, ['template', 'waymark', chart, '--kube-version', KUBERNETES_VERSION,
    '--set', 'existingSecret=', '--set', 'api.replicas=-1', '--set', 'console.origin=waymark.example.com']);
  const named = ['/existingSecret', '/api/replicas', '/console/origin'].every((path) => refused.output.includes(path));
  results.push({ check: 'helm template refuses invalid values (values.schema.json)', ok: !refused.ok && named, output: refused.output });
  const [compose, ...composeArgs] = composeCommand();
  const composeDir = join(infraDir, 'compose');
  results.push({
    check: 'docker compose config -q',
    ...run(compose, [...composeArgs, '-f', join(composeDir, 'compose.yaml'), '--env-file', join(composeDir, '.env.example'), 'config', '-q'],
      { env: { ...process.env, DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///nonexistent.sock' } }),
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = validateInfra();
  for (const { check, ok, output } of results) console.log(`${ok ? '✔' : '✖'} ${check}${output ? `\n  ${output.replace(/\n/g, '\n  ')}` : ''}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
