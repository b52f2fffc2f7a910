-- DropIndex
DROP INDEX "ticket_department_status_idx";

-- DropIndex
DROP INDEX "ticket_organization_id_created_at_idx";

-- CreateIndex
CREATE INDEX "ticket_organization_id_created_at_status_department_priorit_idx" ON "ticket"("organization_id", "created_at", "status", "department", "priority");

-- CreateIndex
CREATE INDEX "ticket_department_status_priority_idx" ON "ticket"("department", "status", "priority");

-- CreateIndex
CREATE INDEX "ticket_updated_at_idx" ON "ticket"("updated_at");

-- CreateIndex
CREATE INDEX "ticket_assignee_id_updated_at_idx" ON "ticket"("assignee_id", "updated_at");
