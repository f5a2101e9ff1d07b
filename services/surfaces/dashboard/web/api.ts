// Fetch wrapper of the dashboard: same-origin requests carry the session cookie; writes add the CSRF header the
// API requires for cookie-authenticated writes. A 401 anywhere sends the reader to the login form.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let onUnauthorised: () => void = () => undefined;

/** Called once by main.ts: what to do when the session is missing or expired. */
export function whenUnauthorised(handler: () => void): void {
  onUnauthorised = handler;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(method !== 'GET' && { 'x-claimwatch-csrf': '1' }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (res.status === 401 && !path.startsWith('/api/session')) onUnauthorised();
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const error = (data as { error?: string } | undefined)?.error ?? res.statusText;
    const problems = (data as { problems?: string[] } | undefined)?.problems;
    throw new ApiError(res.status, problems?.length ? `${error}: ${problems.join('; ')}` : error);
  }
  return data as T;
}

export const getJson = <T>(path: string): Promise<T> => request<T>('GET', path);
export const postJson = <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, body ?? {});
export const deleteJson = <T>(path: string): Promise<T> => request<T>('DELETE', path);
