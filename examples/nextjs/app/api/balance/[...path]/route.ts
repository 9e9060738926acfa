import { handlers } from '@okra-balance/server';
import { balance } from '@/lib/balance';

// PGlite, pg and the sandbox need Node.js, not the Edge runtime.
export const runtime = 'nodejs';

// Every method, so the route itself answers 405 with an Allow header. A function: the route is made on the first request, not while `next build` loads this module.
export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = handlers(async () => (await balance()).route);
