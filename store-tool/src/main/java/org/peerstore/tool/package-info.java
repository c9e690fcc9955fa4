/**
 * {@code peerstore-tool}, the offline operator tool of the RocksDB peerstore: the picocli
 * commands ({@link org.peerstore.tool.PeerstoreTool} and one class per subcommand), how they
 * open store directories and turn every failure into one line and an exit code, and how they
 * show progress (a bar on a terminal, periodic lines in logs). The work itself is done by
 * {@code org.peerstore.rocksdb.RocksMaintenance}, the export package and the simulation
 * package.
 */
package org.peerstore.tool;
