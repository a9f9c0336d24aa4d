export declare const waymarkTestReporters: (string | [string, { outputFile: string }])[];
