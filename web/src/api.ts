export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; detail?: string; errors?: { detail?: string }[] } | null,
  ) {
    super(body?.detail ?? body?.errors?.map((e) => e.detail).join(" ") ?? `HTTP ${status}`);
  }
}

let csrf = "";
let lang = "pt-BR";
export const setCsrf = (token: string) => {
  csrf = token;
};
export const setApiLang = (l: string) => {
  lang = l;
};

/** JSON calls to the console API; every change carries the session's CSRF token. */
export const api = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
  const method = init.method ?? "GET";
  const res = await fetch(`/app/api${path}`, {
    method,
    credentials: "same-origin",
    headers: {
      accept: "application/json",
      "accept-language": lang,
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(method !== "GET" ? { "x-csrf-token": csrf } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, json);
  return json as T;
};

export const fileToBase64 = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
