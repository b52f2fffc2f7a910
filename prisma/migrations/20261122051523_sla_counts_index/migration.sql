-- CreateIndex
CREATE INDEX "ticket_status_organization_id_sla_first_breached_at_sla_res_idx" ON "ticket"("status", "organization_id", "sla_first_breached_at", "sla_res_breached_at", "sla_first_warned_at", "sla_res_warned_at");
