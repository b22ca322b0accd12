/**
 * Local time done once, DST-correct: quiet hours ({@link io.comeback.engine.time.QuietHours}),
 * local dates and times of day as instants ({@link io.comeback.engine.time.LocalSchedule}), and a
 * clock tests and the simulator move by hand ({@link io.comeback.engine.time.SettableClock}). JDK only.
 */
package io.comeback.engine.time;
