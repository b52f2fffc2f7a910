import { useEffect, useState } from "react";

/** The path under /app/, e.g. "/tickets/12". */
const current = () => window.location.pathname.replace(/^\/app/, "") || "/";

export const navigate = (path: string) => {
  window.history.pushState(null, "", `/app${path}`);
  window.dispatchEvent(new PopStateEvent("popstate"));
};

export const usePath = () => {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const update = () => setPath(current());
    window.addEventListener("popstate", update);
    return () => window.removeEventListener("popstate", update);
  }, []);
  return path;
};

/** A link that stays in the app: a plain <a> for the keyboard, screen readers and new tabs. */
export const linkProps = (path: string) => ({
  href: `/app${path}`,
  onClick: (e: React.MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(path);
  },
});
