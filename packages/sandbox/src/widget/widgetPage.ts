import type { SandboxLogin } from '../sandboxTypes.ts';
import { WIDGET_SCRIPT } from './widgetScript.ts';
import { WIDGET_STYLES } from './widgetStyles.ts';

export interface WidgetPageOptions {
  nonce: string;
  login: SandboxLogin;
}

/**
 * The page okra-js frames: one card, one screen at a time (loading, error, banks, login, success, locked).
 * Opened with `reauth_account`, it goes straight to the login screen for that account's bank, with a
 * one-time password field when the link is `token_required`. Plain HTML and one inline script under a
 * nonce-based CSP; the sandbox login is printed on it.
 */
export function widgetPage({ nonce, login }: WidgetPageOptions): string {
  const config = JSON.stringify({ login }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect your bank · Okra sandbox</title>
<style nonce="${nonce}">${WIDGET_STYLES}</style>
</head>
<body>
<main class="card" id="card" role="dialog" aria-modal="true" aria-labelledby="title-loading">
  <header>
    <span class="brand" id="brand">Okra</span><span class="pill">SANDBOX</span>
    <button type="button" class="close" id="close" aria-label="Close">&times;</button>
  </header>
  <section data-screen="loading" class="center">
    <h1 id="title-loading" tabindex="-1">Connecting…</h1>
    <div class="spinner" aria-hidden="true"></div>
    <p id="loading-note">Waiting for the widget options from the page.</p>
  </section>
  <section data-screen="error" hidden>
    <h1 id="title-error" tabindex="-1">The widget could not open</h1>
    <p id="error-message" role="alert"></p>
    <button type="button" class="primary" data-action="close">Close</button>
  </section>
  <section data-screen="banks" hidden>
    <h1 id="title-banks" tabindex="-1">Choose your bank</h1>
    <p id="banks-intro">Link an account to share its balance.</p>
    <label for="bank-search">Search banks</label>
    <input id="bank-search" type="search" autocomplete="off">
    <ul class="banks" id="bank-list" aria-label="Banks"></ul>
  </section>
  <section data-screen="login" hidden>
    <div class="bankhead"><img class="logo" id="login-logo" alt=""><h1 tabindex="-1" id="title-login">Log in</h1></div>
    <p id="login-intro" hidden></p>
    <p class="hint">Sandbox login: username <code id="hint-user"></code>, password <code id="hint-pass"></code><span id="hint-otp" hidden>, one-time password <code id="hint-otp-code"></code></span></p>
    <form id="login-form" novalidate>
      <label for="username">Username</label>
      <input id="username" name="username" autocomplete="username" required>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required>
      <div id="otp-field" hidden>
        <label for="otp">One-time password</label>
        <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" aria-describedby="otp-note">
        <p class="note" id="otp-note">Your bank sent it to the phone number it has for you.</p>
      </div>
      <p class="alert" id="login-error" role="alert"></p>
      <button type="submit" class="primary" id="login-submit">Log in</button>
      <button type="button" class="secondary" data-action="back" id="login-back">Choose another bank</button>
    </form>
  </section>
  <section data-screen="success" hidden>
    <h1 id="title-success" tabindex="-1">Accounts connected</h1>
    <p id="success-intro"></p>
    <ul class="accounts" id="account-list" aria-label="Connected accounts"></ul>
    <button type="button" class="primary" data-action="close">Done</button>
  </section>
  <section data-screen="locked" hidden>
    <h1 id="title-locked" tabindex="-1">Too many attempts</h1>
    <p role="alert">The username or password was wrong three times. Close the widget and try again.</p>
    <button type="button" class="primary" data-action="close">Close</button>
  </section>
</main>
<script nonce="${nonce}">window.__SANDBOX__=${config};</script>
<script nonce="${nonce}">${WIDGET_SCRIPT}</script>
</body>
</html>`;
}
