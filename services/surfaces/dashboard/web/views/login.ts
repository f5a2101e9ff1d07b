import { postJson } from '../api.ts';
import { h, replace } from '../dom.ts';

/** The login form: posts the token once to /api/session, which answers with the HttpOnly session cookie. */
export function renderLogin(root: HTMLElement, onLoggedIn: () => void): void {
  const input = h('input', {
    type: 'password',
    name: 'token',
    autocomplete: 'current-password',
    required: true,
    id: 'token',
  });
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'login', id: 'login-form' },
    h('h1', {}, 'Sign in'),
    h(
      'p',
      { class: 'muted' },
      'This claimwatch API requires its token (API_TOKEN). It is kept only as an HttpOnly session cookie.',
    ),
    h('label', { for: 'token' }, 'API token'),
    input,
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    postJson('/api/session', { token: input.value })
      .then(() => onLoggedIn())
      .catch(
        (err: Error) =>
          (error.textContent = err.message === 'wrong token' ? 'Wrong token.' : `Sign-in failed: ${err.message}`),
      );
  });
  replace(root, form);
  input.focus();
}
