/**
 * The widget page's script, as text (it runs in the browser, inside okra-js's iframe). It speaks okra-js
 * 2.1.1's protocol: posts `ifameLoaded` (sic), takes the options okra-js posts back, then posts `event`
 * messages, `success` with the auth payload, `error`, and `beforeClose` + `close`. After the options arrive,
 * every message goes to the origin they came from, never `*`.
 */
export const WIDGET_SCRIPT = `
(function () {
  'use strict';
  var config = window.__SANDBOX__;
  var embedded = window.parent !== window;
  var parentOrigin = null;
  var options = null;
  var session = null;
  var banks = [];
  var bank = null;
  // Set when okra-js opened the widget with reauth_account: the one link this session reconnects.
  var reauth = null;
  var submitLabel = 'Log in';
  var busy = false;
  var closed = false;
  var $ = function (id) { return document.getElementById(id); };
  var screens = Array.prototype.slice.call(document.querySelectorAll('[data-screen]'));

  function post(message) {
    if (embedded) window.parent.postMessage(message, parentOrigin || '*');
  }
  function emit(name, data) {
    post({ event: true, event_name: name, data: data || {} });
  }
  function show(name, focusId) {
    screens.forEach(function (screen) { screen.hidden = screen.getAttribute('data-screen') !== name; });
    // The dialog is named by the heading on screen, so a screen reader announces where the user is.
    $('card').setAttribute('aria-labelledby', 'title-' + name);
    var target = focusId ? $(focusId) : document.querySelector('[data-screen="' + name + '"] h1');
    if (target) target.focus();
  }
  function fail(type, message) {
    $('error-message').textContent = message;
    show('error');
    post({ error: true, type: type, message: message });
  }
  function close() {
    if (closed) return;
    closed = true;
    emit('WIDGET_CLOSED');
    post({ beforeClose: true });
    post({ close: true });
  }
  function call(path, body) {
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, status: response.status, body: json }; });
      });
  }
  function problem(body) {
    var error = (body && body.error) || {};
    return { code: error.code || 'unknown_error', message: error.message || 'Something went wrong', left: error.attemptsLeft };
  }

  function renderBanks(filter) {
    var list = $('bank-list');
    list.textContent = '';
    var needle = filter.trim().toLowerCase();
    banks.filter(function (b) { return b.name.toLowerCase().indexOf(needle) !== -1; }).forEach(function (b) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      var logo = document.createElement('img');
      var name = document.createElement('span');
      button.type = 'button';
      button.className = 'bank';
      logo.src = b.icon;
      logo.alt = '';
      name.textContent = b.name;
      button.appendChild(logo);
      button.appendChild(name);
      button.addEventListener('click', function () { chooseBank(b); });
      item.appendChild(button);
      list.appendChild(item);
    });
  }
  function showLogin(chosen) {
    bank = chosen;
    $('login-logo').src = chosen.logo;
    $('login-error').textContent = '';
    $('username').value = '';
    $('password').value = '';
    $('otp').value = '';
    show('login', 'username');
  }
  function chooseBank(chosen) {
    $('title-login').textContent = 'Log in to ' + chosen.name;
    showLogin(chosen);
    emit('BANK_SELECTED', { bank_id: chosen._id, bank_name: chosen.name });
  }
  function startReauth(target) {
    reauth = target;
    var kind = String(target.type || 'bank');
    $('title-login').textContent = 'Sign in to ' + target.bank.name + ' again';
    $('login-intro').textContent = 'Reconnecting your ' + kind + ' account ' + target.nuban + '. ' +
      (target.otp ? 'Your bank asks for your login and a one-time password.' : 'Your bank needs your login again.');
    $('login-intro').hidden = false;
    $('otp-field').hidden = !target.otp;
    $('otp').required = target.otp;
    $('hint-otp').hidden = !target.otp;
    $('hint-otp-code').textContent = config.login.otp;
    // The bank is fixed: there is no list to go back to.
    $('login-back').hidden = true;
    submitLabel = 'Reconnect';
    $('login-submit').textContent = submitLabel;
    showLogin(target.bank);
  }
  function linked(payload) {
    var list = $('account-list');
    list.textContent = '';
    (payload.accounts || []).forEach(function (account) {
      var item = document.createElement('li');
      var name = document.createElement('span');
      var number = document.createElement('span');
      var kind = String(account.type || 'bank');
      name.textContent = kind.charAt(0).toUpperCase() + kind.slice(1) + ' account';
      number.textContent = '\\u2022\\u2022\\u2022\\u2022 ' + String(account.nuban).slice(-4);
      item.appendChild(name);
      item.appendChild(number);
      list.appendChild(item);
    });
    $('title-success').textContent = reauth ? 'Account reconnected' : 'Accounts connected';
    $('success-intro').textContent = reauth
      ? 'Your ' + bank.name + ' account ' + reauth.nuban + ' is connected again.'
      : 'Your ' + bank.name + ' accounts are now linked.';
    show('success');
    post(Object.assign({ success: true }, payload));
    emit('ACCOUNTS_LINKED', { bank_id: bank._id, accounts: (payload.accounts || []).length });
  }
  function submitLogin(submitEvent) {
    submitEvent.preventDefault();
    if (busy || !bank) return;
    busy = true;
    $('login-submit').disabled = true;
    $('login-submit').textContent = 'Logging in\\u2026';
    emit('LOGIN_SUBMITTED', { bank_id: bank._id });
    var login = { session: session, bankId: bank._id, username: $('username').value, password: $('password').value };
    if (reauth && reauth.otp) login.otp = $('otp').value;
    call('/api/login', login)
      .then(function (result) {
        if (result.ok) return linked(result.body);
        var error = problem(result.body);
        if (error.code === 'wrong_credentials') {
          emit('LOGIN_FAILED', { attempts_left: error.left });
          $('login-error').textContent = error.message + '. ' + error.left + (error.left === 1 ? ' attempt' : ' attempts') + ' left.';
          $('password').value = '';
          $('password').focus();
          return;
        }
        if (error.code === 'too_many_attempts') {
          emit('LOGIN_FAILED', { attempts_left: 0 });
          show('locked');
          post({ error: true, type: error.code, message: 'Too many wrong logins' });
          return;
        }
        fail(error.code, error.message);
      })
      .catch(function () { fail('network_error', 'The sandbox could not be reached.'); })
      .then(function () {
        busy = false;
        $('login-submit').disabled = false;
        $('login-submit').textContent = submitLabel;
      });
  }
  function openSession() {
    call('/api/session', options)
      .then(function (result) {
        if (!result.ok) {
          var error = problem(result.body);
          return fail(error.code, error.message);
        }
        session = result.body.session;
        banks = result.body.banks;
        if (result.body.appName) {
          $('brand').textContent = result.body.appName;
          $('banks-intro').textContent = result.body.appName + ' uses Okra to see your account balance.';
        }
        $('hint-user').textContent = config.login.username;
        $('hint-pass').textContent = config.login.password;
        if (result.body.reauth) {
          startReauth(result.body.reauth);
        } else {
          renderBanks('');
          show('banks', 'bank-search');
        }
        emit('WIDGET_OPENED', { products: options.products || [], reauth_account: options.reauth_account || null });
      })
      .catch(function () { fail('network_error', 'The sandbox could not be reached.'); });
  }

  window.addEventListener('message', function (message) {
    if (message.source !== window.parent || options !== null) return;
    var data = message.data;
    if (!data || typeof data !== 'object' || Array.isArray(data)) return;
    options = data;
    parentOrigin = message.origin;
    openSession();
  });
  document.addEventListener('keydown', function (key) { if (key.key === 'Escape') close(); });
  $('close').addEventListener('click', close);
  Array.prototype.forEach.call(document.querySelectorAll('[data-action="close"]'), function (button) {
    button.addEventListener('click', close);
  });
  document.querySelector('[data-action="back"]').addEventListener('click', function () { show('banks', 'bank-search'); });
  $('bank-search').addEventListener('input', function (input) { renderBanks(input.target.value); });
  $('login-form').addEventListener('submit', submitLogin);

  if (!embedded) {
    $('loading-note').textContent = 'Open this page through okra-js (Okra.buildWithOptions) to use it.';
    return;
  }
  post({ ifameLoaded: true });
})();
`;
