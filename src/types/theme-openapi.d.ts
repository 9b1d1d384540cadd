// docusaurus-theme-openapi-docs ships declarations for its components but does not declare the
// `@theme/…` aliases they are resolved under; map the ones this site imports.
declare module '@theme/ApiItem' {
  export type { Props } from '@theme/DocItem';
}
declare module '@theme/ApiItem/Layout' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/ApiItem/Layout';
}
declare module '@theme/SchemaExpansion' {
  export * from 'docusaurus-theme-openapi-docs/lib/theme/SchemaExpansion';
}
declare module '@theme/SkeletonLoader' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/SkeletonLoader';
}
declare module '@theme/SchemaItem' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/SchemaItem';
}
declare module '@theme/ApiExplorer/Accept/slice' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/ApiExplorer/Accept/slice';
}
declare module '@theme/ApiExplorer/ContentType/slice' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/ApiExplorer/ContentType/slice';
}
declare module '@theme/ApiExplorer/SchemaSelection/slice' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/ApiExplorer/SchemaSelection/slice';
}

// `@theme-original/*` is declared as `any` by @docusaurus/module-type-aliases; give the originals
// this site wraps their real types.
declare module '@theme-original/MDXComponents' {
  export { default } from '@theme/MDXComponents';
}
declare module '@theme-original/ParamsItem' {
  export * from 'docusaurus-theme-openapi-docs/lib/theme/ParamsItem';
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/ParamsItem';
}
declare module '@theme-original/Schema' {
  export { default } from 'docusaurus-theme-openapi-docs/lib/theme/Schema';
}
