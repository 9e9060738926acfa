import { randomBytes } from 'node:crypto';
import type { WidgetOptions } from '@okra-balance/core';
import { Hono, type Context } from 'hono';
import { bankView } from '../fixtures/banks.ts';
import type { LinkBook } from '../LinkBook.ts';
import { linkCustomer, type LinkAccountResult } from '../linkCustomer.ts';
import { reauthAccount } from '../reauthAccount.ts';
import type { RecordBook } from '../RecordBook.ts';
import type { SandboxCredentials, SandboxLogin } from '../sandboxTypes.ts';
import type { SandboxStore } from '../store.ts';
import { reauthTarget } from './reauthTarget.ts';
import { successPayload } from './successPayload.ts';
import { widgetPage } from './widgetPage.ts';
import { loginBody, sessionBody } from './widgetSchemas.ts';
import { MAX_LOGIN_ATTEMPTS, WidgetSessions } from './WidgetSessions.ts';

export interface WidgetDeps {
  store: SandboxStore;
  records: RecordBook;
  links: LinkBook;
  credentials: SandboxCredentials;
  login: SandboxLogin;
}

type Status = 400 | 401 | 404 | 409 | 423;

/**
 * The widget's own origin: the page okra-js frames, and the two calls the page makes to it (open a session
 * with the keys okra-js passed; log in), which create the customer, accounts and record server-side.
 */
export function widgetApp(deps: WidgetDeps): Hono {
  const { store, records, links, credentials, login } = deps;
  const sessions = new WidgetSessions(() => store.makeId());
  const app = new Hono();

  app.get('/', (c) => {
    const nonce = randomBytes(16).toString('base64');
    c.header(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src data:; ` +
        `connect-src 'self'; base-uri 'none'; form-action 'none'`,
    );
    c.header('cache-control', 'no-store');
    return c.html(widgetPage({ nonce, login }));
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.post('/api/session', async (c) => {
    const body = sessionBody.safeParse(await json(c));
    if (!body.success) return problem(c, 400, 'invalid_options', 'The widget needs key, token and env');
    const { key, token, env } = body.data;
    if (key !== credentials.publicKey) {
      return problem(
        c,
        401,
        'invalid_key',
        'This public key is not valid: check the key you passed to okra-js',
      );
    }
    if (token !== credentials.clientToken) {
      return problem(c, 401, 'invalid_token', 'This client token is not valid for this key');
    }
    if (env !== credentials.env) {
      return problem(
        c,
        400,
        'wrong_env',
        `These are sandbox keys: open the widget with env '${credentials.env}'`,
      );
    }
    const options = body.data as WidgetOptions;
    const callbackUrl = options.callback_url;
    if (callbackUrl !== undefined && !isHttpUrl(callbackUrl)) {
      return problem(c, 400, 'invalid_callback_url', 'callback_url must be an http(s) URL');
    }
    const reauth = reauthTarget(options, store, links);
    if (reauth !== null && 'code' in reauth) return problem(c, reauth.status, reauth.code, reauth.message);
    const session = sessions.open(options, reauth);
    const wanted = Array.isArray(options.filter?.banks) ? options.filter.banks : null;
    const banks = store.banks.filter(
      (bank) => wanted === null || wanted.includes(bank.slug) || wanted.includes(bank._id),
    );
    const appName = options.name ?? null;
    return c.json({ session: session.id, banks: banks.map(bankView), login, appName, reauth });
  });

  app.post('/api/login', async (c) => {
    const body = loginBody.safeParse(await json(c));
    if (!body.success) return problem(c, 400, 'invalid_login', 'Send session, bankId, username and password');
    const session = sessions.get(body.data.session);
    if (session === undefined) return problem(c, 404, 'session_not_found', 'Open the widget again');
    if (session.linked) return problem(c, 409, 'already_linked', 'This session already linked its accounts');
    if (session.failures >= MAX_LOGIN_ATTEMPTS) {
      return problem(c, 423, 'too_many_attempts', 'Too many wrong logins: close the widget and try again');
    }
    const bank = store.bank(body.data.bankId);
    const { reauth, options } = session;
    if (bank === undefined || (reauth !== null && bank._id !== reauth.bank._id)) {
      return problem(c, 400, 'unknown_bank', 'Choose a bank from the list');
    }
    const { username, password, otp } = body.data;
    const otpOk = reauth?.otp !== true || otp === login.otp;
    if (username !== login.username || password !== login.password || !otpOk) {
      session.failures += 1;
      const attemptsLeft = MAX_LOGIN_ATTEMPTS - session.failures;
      const code = attemptsLeft === 0 ? 'too_many_attempts' : 'wrong_credentials';
      const message =
        reauth?.otp === true ? 'Wrong login or one-time password' : 'Wrong username or password';
      return c.json({ error: { code, message, attemptsLeft } }, 401);
    }
    session.linked = true;
    const metadata = {
      ...(options.options === undefined ? {} : { options: options.options }),
      ...(options.callback_url === undefined ? {} : { callbackUrl: options.callback_url }),
    };
    let link: LinkAccountResult;
    if (reauth !== null) {
      link = reauthAccount({ store, records, links }, reauth.accountId, metadata);
    } else {
      link = linkCustomer(store, records, {
        ...metadata,
        ...(typeof options.customer?.name === 'string' ? { customerName: options.customer.name } : {}),
        ...(typeof options.customer?.email === 'string' ? { customerEmail: options.customer.email } : {}),
        bankId: bank._id,
      });
    }
    return c.json(successPayload(link, credentials.appId));
  });

  app.notFound((c) => problem(c, 404, 'not_found', 'No such page on the sandbox widget'));
  return app;
}

async function json(c: Context): Promise<unknown> {
  return c.req.json().catch(() => null);
}

function problem(c: Context, status: Status, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
