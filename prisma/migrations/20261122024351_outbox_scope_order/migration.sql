-- CreateIndex
CREATE INDEX "outbox_item_scope_state_id_idx" ON "outbox_item"("scope", "state", "id");
