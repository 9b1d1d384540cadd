// docusaurus-theme-openapi-docs ships declarations for its components but does not declare the
// `@theme/…` aliases they are swizzled under; map the ones this site wraps.
declare module '@theme-original/ApiExplorer' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/ApiExplorer';
}
