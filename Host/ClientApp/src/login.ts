// The sign-in page.
import { ApiError, graphql, saveSession } from './api';
import { clear, h } from './dom';
import { LOGIN } from './queries';

interface LoginResult {
  login: { token: string; expiresAt: string; shop: { id: string; domain: string; name: string } };
}

/** Sign-in failures in the merchant's words, by the API's error code. */
export function loginErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Signing in failed. Please try again.';
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return 'The email or password is not right. Check them and try again.';
    case 'RATE_LIMITED':
      // The server says how long to wait: it grows with each wrong password.
      return error.message;
    case 'BAD_USER_INPUT':
      return `Please check what you entered: ${error.message}`;
    default:
      return error.message;
  }
}

export function renderLogin(root: HTMLElement, notice: string | null, onSignedIn: () => void): void {
  document.title = 'Sign in · ShopIngest';
  const email = h('input', { attrs: { id: 'login-email', name: 'email', type: 'email', autocomplete: 'username', required: true, autofocus: true } });
  const password = h('input', {
    attrs: { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true },
  });
  const message = h('p', { class: 'note note-error', attrs: { id: 'login-error', role: 'alert', hidden: true } });
  const info = notice ? h('p', { class: 'note note-info', attrs: { id: 'login-notice', role: 'status' } }, notice) : null;
  const submit = h('button', { class: 'button button-primary', attrs: { type: 'submit' } }, 'Sign in');

  const form = h(
    'form',
    { class: 'login-form', attrs: { novalidate: true, 'aria-labelledby': 'login-title' } },
    h('div', { class: 'brand' }, h('img', { attrs: { src: '/favicon.svg', alt: '', width: 32, height: 32 } }), 'ShopIngest'),
    h('h1', { attrs: { id: 'login-title' } }, 'Sign in to your shop'),
    info,
    h('label', { attrs: { for: 'login-email' } }, 'Email'),
    email,
    h('label', { attrs: { for: 'login-password' } }, 'Password'),
    password,
    message,
    submit,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.hidden = true;
    if (!email.value.trim() || !password.value) {
      message.textContent = 'Enter your email and password.';
      message.hidden = false;
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const result = await graphql<LoginResult>(LOGIN, { email: email.value.trim(), password: password.value });
      saveSession({ token: result.login.token, expiresAt: result.login.expiresAt });
      onSignedIn();
    } catch (error) {
      message.textContent = loginErrorMessage(error);
      message.hidden = false;
      submit.disabled = false;
      submit.textContent = 'Sign in';
      password.select();
    }
  });

  clear(root, h('main', { class: 'login-page' }, form));
  email.focus();
}
