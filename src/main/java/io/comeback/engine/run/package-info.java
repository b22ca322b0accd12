/**
 * Running flows without a runtime: the pure {@link io.comeback.engine.run.FlowInterpreter}
 * ({@code flow + state + event + now + customer → state + decisions}), the time-travel
 * {@link io.comeback.engine.run.FlowSimulator} behind {@code POST /api/flows/{id}/simulate}
 * ({@link io.comeback.engine.run.SimulationRequest} / {@link io.comeback.engine.run.SimulationResponse}
 * are that endpoint's JSON), flow scenario tests ({@link io.comeback.engine.run.ScenarioRunner},
 * {@link io.comeback.engine.run.ScenarioCli}), and the purchase-rhythm rule the inactivity
 * detector mirrors ({@link io.comeback.engine.run.PurchaseRhythm}). JDK and snakeyaml-engine only.
 */
package io.comeback.engine.run;
