-- Evidence recorded before progress was kept: what fulfilled an obligation counted for all of it,
-- and an accepted submission counted too; the obligation's progress follows its state.
UPDATE evidence e SET counted = true, units = o.quantity
  FROM obligations o
 WHERE o.id = e.obligation_id AND o.state = 'fulfilled';
--> statement-breakpoint
UPDATE obligations SET progress = quantity WHERE state = 'fulfilled';
