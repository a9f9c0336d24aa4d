// Every package writes a JSON report so .ci/run can print one total over all packages.
export const waymarkTestReporters = [
  'default',
  ['json', { outputFile: 'test-results/vitest.json' }],
];
