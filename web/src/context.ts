import { createContext, useContext } from "react";
import type { Dictionary, Lang } from "./i18n";
import type { Me, Option } from "./types";

export interface AppContext {
  me: Me;
  lang: Lang;
  t: Dictionary;
  label: (o: Option[], code: string) => string;
  date: (iso: string | null) => string;
}

export const Ctx = createContext<AppContext | null>(null);

export const useApp = (): AppContext => {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("outside the app");
  return ctx;
};
