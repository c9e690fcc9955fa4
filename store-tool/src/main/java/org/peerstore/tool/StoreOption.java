package org.peerstore.tool;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db DIR} option every command takes (a picocli mixin). */
final class StoreOption {
  @Option(names = "--db", required = true, paramLabel = "DIR",
      description = "The store directory (a RocksPeerstore's data directory).")
  Path dir;
}
