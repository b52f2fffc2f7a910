import { useEffect, useState } from "react";
import { api } from "../api";

export interface OrganizationOption {
  id: string;
  name: string;
}

/** Organizations to filter by (staff only; the first hundred by name). */
export const useOrganizations = (enabled: boolean): OrganizationOption[] => {
  const [orgs, setOrgs] = useState<OrganizationOption[]>([]);
  useEffect(() => {
    if (!enabled) return;
    void api<{ items: OrganizationOption[] }>("/admin/organizations?limit=100").then((r) => setOrgs(r.items));
  }, [enabled]);
  return orgs;
};
