// Redocly plugin (`plugins` in redocly.yaml). Plain JavaScript because Redocly CLI loads it as it is.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const headersFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../components/headers');

/**
 * Puts the standard response headers (named in redocly.yaml, each a file in components/headers) at the
 * head of every response of every path, so that the path files do not repeat them. Webhook requests'
 * responses are not DataStack's and get none. A preprocessor, not a decorator, so that `redocly lint`
 * sees the same responses as `redocly bundle`. A file that writes one of them itself is reported, so
 * that no copy creeps back.
 *
 * @param {{ headers: string[] }} options the header names, in the order the responses list them
 * @throws {Error} when redocly.yaml names no headers
 */
function standardResponseHeaders({ headers }) {
  if (!Array.isArray(headers) || headers.length === 0) {
    throw new Error('datastack-headers/standard-response-headers needs `headers`: the standard header names');
  }
  const addedTo = new WeakSet();
  return {
    Paths: {
      Response: {
        enter(response, { location, report }) {
          // A shared response is visited once per use; it is filled in the first time.
          if (addedTo.has(response)) return;
          const fromFile = dirname(location.source.absoluteRef);
          for (const name of Object.keys(response.headers ?? {}).filter((name) => headers.includes(name))) {
            report({ message: `${name} is a standard response header: redocly.yaml adds it to every response, do not write it`, location: location.child(['headers', name]) });
          }
          const own = Object.entries(response.headers ?? {}).filter(([name]) => !headers.includes(name));
          const standard = headers.map((name) => [name, { $ref: relative(fromFile, resolve(headersFolder, `${name}.yaml`)) }]);
          const merged = Object.fromEntries([...standard, ...own]);
          // Rebuilt in place so that the headers sit after the description, where the files used to list them.
          const entries = Object.entries(response).filter(([key]) => key !== 'headers');
          for (const key of Object.keys(response)) delete response[key];
          entries.splice(entries.findIndex(([key]) => key === 'description') + 1, 0, ['headers', merged]);
          Object.assign(response, Object.fromEntries(entries));
          addedTo.add(response);
        },
      },
    },
  };
}

export default function standardResponseHeadersPlugin() {
  return {
    id: 'datastack-headers',
    preprocessors: { oas3: { 'standard-response-headers': standardResponseHeaders } },
  };
}
