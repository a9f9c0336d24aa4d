{{- define "waymark.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "waymark.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "waymark.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "waymark.image" -}}
{{- $prefix := .root.Values.image.repositoryPrefix -}}
{{- if .root.Values.image.registry -}}{{- $prefix = printf "%s/%s" .root.Values.image.registry $prefix -}}{{- end -}}
{{- printf "%s/%s:%s" $prefix .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "waymark.secretName" -}}
{{- required "existingSecret must name a Secret holding DATABASE_URL, WAYMARK_ADMIN_TOKEN and WAYMARK_SECRETS_KEY" .Values.existingSecret -}}
{{- end -}}

{{/* Environment shared by the API, the worker and the migration Job. */}}
{{- define "waymark.backendEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ include "waymark.secretName" . }}, key: {{ .Values.secretKeys.databaseUrl }} }
- name: WAYMARK_SECRETS_KEY
  valueFrom:
    secretKeyRef: { name: {{ include "waymark.secretName" . }}, key: {{ .Values.secretKeys.secretsKey }} }
- name: WAYMARK_SECRETS_KEY_PREVIOUS
  valueFrom:
    secretKeyRef: { name: {{ include "waymark.secretName" . }}, key: {{ .Values.secretKeys.secretsKeyPrevious }}, optional: true }
- name: TEMPORAL_ADDRESS
  value: {{ .Values.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ .Values.temporal.namespace | quote }}
- name: WAYMARK_LOG_LEVEL
  value: {{ .Values.config.logLevel | quote }}
- name: OTEL_SERVICE_NAME
  value: waymark
{{- with .Values.config.otelExporterOtlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .Values.config.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "waymark.podSecurity" -}}
automountServiceAccountToken: false
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "waymark.metricsAnnotations" -}}
{{- if .root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end -}}

{{/* Node writes to /tmp; the root filesystem stays read-only. */}}
{{- define "waymark.tmpVolume" -}}
volumes:
  - name: tmp
    emptyDir: {}
{{- end -}}
