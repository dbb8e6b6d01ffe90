import './styles.css';
import { clearSession, handleSessionExpired, hasExpiredSession, loadSession, SessionExpiredError } from './api';
import { renderDashboard, type DashboardHandle } from './dashboard';
import { clear, h, messageOf } from './dom';
import { renderLogin } from './login';

const EXPIRED = 'Your session has expired. Please sign in again.';

const root = document.getElementById('app')!;
let mode: 'login' | 'dashboard' = 'login';
let dashboard: DashboardHandle | null = null;
let expiryTimer: number | undefined;

function showLogin(notice: string | null): void {
  mode = 'login';
  window.clearTimeout(expiryTimer);
  dashboard?.destroy();
  dashboard = null;
  renderLogin(root, notice, () => void showDashboard());
}

async function showDashboard(): Promise<void> {
  mode = 'dashboard';
  const session = loadSession();
  if (!session) {
    showLogin(null);
    return;
  }
  // The token stops working at expiresAt: go back to the sign-in page then, not at the next failed click.
  window.clearTimeout(expiryTimer);
  expiryTimer = window.setTimeout(() => {
    clearSession();
    showLogin(EXPIRED);
  }, Math.min(Math.max(0, Date.parse(session.expiresAt) - Date.now()), 2_147_483_647));
  try {
    dashboard = await renderDashboard(root, () => {
      clearSession();
      showLogin('You have signed out.');
    });
  } catch (error) {
    if (mode !== 'dashboard') return;
    if (error instanceof SessionExpiredError) {
      showLogin(EXPIRED);
      return;
    }
    const retry = h('button', { class: 'button', attrs: { type: 'button' } }, 'Try again');
    retry.addEventListener('click', () => void showDashboard());
    clear(root, h('main', { class: 'login-page' }, h('div', { class: 'login-form' },
      h('h1', {}, 'The dashboard could not be loaded'), h('p', { class: 'note note-error', attrs: { role: 'alert' } }, messageOf(error)), retry)));
  }
}

handleSessionExpired(() => {
  if (mode === 'dashboard') showLogin(EXPIRED);
});

if (loadSession()) {
  void showDashboard();
} else {
  const expired = hasExpiredSession();
  clearSession();
  showLogin(expired ? EXPIRED : null);
}
