/**
 * The languages the guides' examples are written in, by every name a code fence may give them.
 * One table for the language tabs (`language-tabs.ts`) and the doc-test runner, so a fence the
 * site shows as a tab is a fence CI runs, and the other way round.
 */
export type CodeLanguage = 'bash' | 'javascript' | 'python' | 'go';

export const codeLanguageOf: Readonly<Record<string, CodeLanguage>> = {
  bash: 'bash',
  sh: 'bash',
  shell: 'bash',
  js: 'javascript',
  javascript: 'javascript',
  python: 'python',
  py: 'python',
  go: 'go',
};
