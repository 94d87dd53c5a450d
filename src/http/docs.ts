import path from 'node:path';
import fs from 'node:fs';
import type Router from '@koa/router';
import yaml from 'js-yaml';
import type { OpenAPIV3 } from 'openapi-types';
import type { Config } from '../config';
import type { AppContext, RequestState } from './state';
import { asset, serveAsset, type Asset } from './static-files';

/** swagger-ui-dist's folder: its bundle and stylesheet are served from here, never from a CDN. */
const SWAGGER_UI_DIR = path.dirname(require.resolve('swagger-ui-dist/package.json'));

// Paths relative to /docs, so the page works behind a proxy that adds a prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>e-Box Enterprise Document Provider: API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/init.js"></script>
</body>
</html>
`;

// No validator badge: Swagger UI would send the contract to validator.swagger.io.
const INIT = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', window.location.href).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
});
`;

/**
 * The served contract (README, "API docs"): GET /docs (Swagger UI, from
 * swagger-ui-dist), GET /openapi.json and /openapi.yaml, at the server root
 * like /health, without a token. Their `servers` is this provider's public
 * root URL, the one contentHref links are built on.
 */
export function mountDocs(router: Router<RequestState>, config: Config, document: OpenAPIV3.Document): void {
  const fromDist = (name: string) => fs.readFileSync(path.join(SWAGGER_UI_DIR, name));
  serveAsset(router, '/docs', asset(PAGE, 'text/html; charset=utf-8'));
  serveAsset(router, '/docs/swagger-ui.css', asset(fromDist('swagger-ui.css'), 'text/css; charset=utf-8'));
  serveAsset(router, '/docs/swagger-ui-bundle.js', asset(fromDist('swagger-ui-bundle.js'), 'text/javascript; charset=utf-8'));
  serveAsset(router, '/docs/init.js', asset(INIT, 'text/javascript; charset=utf-8'));

  const served = servedContract(config, document);
  serveAsset(router, '/openapi.json', (ctx) => served(ctx).json);
  serveAsset(router, '/openapi.yaml', (ctx) => served(ctx).yaml);
}

/** The contract with `servers` set to the public root URL; the last rendering is kept, as that URL rarely changes. */
function servedContract(config: Config, document: OpenAPIV3.Document) {
  let last: { url: string; json: Asset; yaml: Asset } | undefined;
  return (ctx: AppContext) => {
    // The same root as contentHref's: PUBLIC_BASE_URL, or the request's origin and BASE_PATH.
    const url = config.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}${config.basePath}`;
    if (last?.url !== url) {
      const description = 'This Document Provider (its public root URL).';
      const withServers = { ...document, servers: [{ url, description }] };
      last = {
        url,
        json: asset(JSON.stringify(withServers, null, 2), 'application/json; charset=utf-8'),
        yaml: asset(yaml.dump(withServers, { lineWidth: -1, noRefs: true }), 'application/yaml; charset=utf-8'),
      };
    }
    return last;
  };
}
