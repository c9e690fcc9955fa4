/**
 * The churn simulation behind {@code peerstore-tool simulate}: the peerstore calls a libp2p
 * node makes as peers connect, identify, get dialed and disconnect, with addresses expiring on
 * a {@link org.peerstore.tool.simulate.SimulatedClock} that the workload advances (nothing
 * sleeps), timed call by call ({@link org.peerstore.tool.simulate.ChurnSimulation}). It works
 * against any {@link org.peerstore.Peerstore}; the tool runs it on a RocksDB store.
 */
package org.peerstore.tool.simulate;
