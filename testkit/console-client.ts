/** Follows a console sign-in link as a browser would: opens it, presses the button, keeps the cookie. */
export const signIn = async (serviceUrl: string, link: string): Promise<ConsoleClient> => {
  const token = new URL(link).searchParams.get("t") ?? "";
  const response = await postLogin(serviceUrl, token);
  if (response.status !== 303) throw new Error(`sign-in refused: ${response.status}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0]!;
  const client = consoleClient(serviceUrl, cookie, "");
  const me = await client.get("/me");
  return consoleClient(serviceUrl, cookie, me.json.csrf);
};

/** A link made for another port (PUBLIC_URL unset) pointed at the test's service. */
export const localLink = (serviceUrl: string, link: string) => {
  const url = new URL(link);
  return `${serviceUrl}${url.pathname}${url.search}`;
};

export const postLogin = (serviceUrl: string, token: string) =>
  fetch(`${serviceUrl}/app/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ t: token }).toString(),
  });

export interface ConsoleClient {
  readonly cookie: string;
  readonly csrf: string;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON.
  get(path: string): Promise<{ status: number; json: any; headers: Headers }>;
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON.
  ): Promise<{ status: number; json: any; headers: Headers }>;
}

export const consoleClient = (serviceUrl: string, cookie: string, csrf: string): ConsoleClient => {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${serviceUrl}/app/api${path}`, {
      method,
      headers: {
        cookie,
        ...(method === "GET" ? {} : { "x-csrf-token": csrf }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get("content-type") ?? "";
    return {
      status: response.status,
      json: type.includes("json") && text ? JSON.parse(text) : text,
      headers: response.headers,
    };
  };
  return {
    cookie,
    csrf,
    get: (path) => call("GET", path),
    post: (path, body, headers) => call("POST", path, body, headers),
  };
};
