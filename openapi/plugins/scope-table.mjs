// Redocly plugin (`plugins` in redocly.yaml). Plain JavaScript because Redocly CLI loads it as it is.

const marker = '<!-- scope table -->';

/**
 * Writes the scope table of `info.description` from the scopes of the oauth2 scheme's
 * authorization code flow (which offers every scope), in place of the `<!-- scope table -->` line, so
 * that each scope's name and text are written once, in openapi.yaml's flows.
 *
 * @throws {Error} when the description has no marker line or the flow has no scopes
 */
function scopeTable() {
  return {
    Root: {
      leave(root) {
        const scopes = root.components?.securitySchemes?.oauth2?.flows?.authorizationCode?.scopes;
        const description = root.info?.description ?? '';
        if (!scopes || !description.includes(marker)) {
          throw new Error(`datastack-scopes/scope-table needs oauth2 authorization code scopes and a "${marker}" line in info.description`);
        }
        const rows = Object.entries(scopes).map(([name, allows]) => `| \`${name}\` | ${allows} |`);
        root.info.description = description.replace(marker, ['| Scope | Allows |', '|---|---|', ...rows].join('\n'));
      },
    },
  };
}

export default function scopeTablePlugin() {
  return {
    id: 'datastack-scopes',
    decorators: { oas3: { 'scope-table': scopeTable } },
  };
}
