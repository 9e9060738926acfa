/** Where the balance route is mounted (app/api/balance/[...path]/route.ts): the browser's and the server's. */
export const BALANCE_PATH = '/api/balance';
