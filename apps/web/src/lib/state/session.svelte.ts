import { goto } from '$app/navigation';
import { MeResponse, type LoginBody, type Role, type UserDto } from '@desk/protocol';
import { api, ApiRequestError, setUnauthenticatedHandler } from '$lib/api/http';
import { disconnectSocket, setSocketAuthFailureHandler } from '$lib/state/socket';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  safety_officer: 'Safety officer',
  editor: 'Editor',
};

class Session {
  user = $state<UserDto | null>(null);
  /** True once we know whether a session exists, so pages never flash protected content. */
  checked = $state(false);

  async load(): Promise<UserDto | null> {
    try {
      const res = await api('/api/auth/me', { schema: MeResponse, skipAuthRedirect: true });
      this.user = res.user;
    } catch (e) {
      if (!(e instanceof ApiRequestError) || e.status !== 401) throw e;
      this.user = null;
    } finally {
      this.checked = true;
    }
    return this.user;
  }

  async login(body: LoginBody): Promise<UserDto> {
    const res = await api('/api/auth/login', { method: 'POST', body, schema: MeResponse, skipAuthRedirect: true });
    this.user = res.user;
    this.checked = true;
    return res.user;
  }

  async logout(): Promise<void> {
    try {
      await api('/api/auth/logout', { method: 'POST', skipAuthRedirect: true });
    } finally {
      this.expire();
    }
  }

  /** Drop everything tied to the session: the socket especially, so no more events arrive. */
  expire(): void {
    this.user = null;
    this.checked = true;
    disconnectSocket();
  }
}

export const session = new Session();

function currentPathForReturn(): string {
  const { pathname, search } = window.location;
  return pathname.startsWith('/login') ? '/' : pathname + search;
}

export function redirectToLogin(reason?: string): void {
  session.expire();
  const params = new URLSearchParams({ next: currentPathForReturn() });
  if (reason) params.set('reason', reason);
  void goto(`/login?${params.toString()}`, { replaceState: true });
}

setUnauthenticatedHandler(() => redirectToLogin('expired'));
setSocketAuthFailureHandler((reason) => redirectToLogin(reason));
