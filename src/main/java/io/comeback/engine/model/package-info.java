/**
 * The flow language as plain data: records and sealed interfaces, JDK only.
 *
 * <p>{@link io.comeback.engine.model.Flow} holds {@link io.comeback.engine.model.FlowSettings},
 * one {@link io.comeback.engine.model.Trigger}, {@link io.comeback.engine.model.EntryRules},
 * named {@link io.comeback.engine.model.Link}s and the ordered
 * {@link io.comeback.engine.model.Step}s ({@link io.comeback.engine.model.Send},
 * {@link io.comeback.engine.model.Wait}, {@link io.comeback.engine.model.WaitForReply},
 * {@link io.comeback.engine.model.Branch}, {@link io.comeback.engine.model.SetStep},
 * {@link io.comeback.engine.model.Exit}). Every element keeps the
 * {@link io.comeback.engine.model.SourceLocation} it was read from. Durations are
 * {@link io.comeback.engine.model.FlowDuration}: calendar parts are applied in the recipient's
 * zone. Semantics (successor of a step, reply matching order, inactivity criteria) are written on
 * the types so the interpreter and the reference ({@code flows/README.md}) agree.
 */
package io.comeback.engine.model;
