package org.peerstore.tool;

import picocli.CommandLine.Option;

/** The {@code --progress=auto|plain|none} option of the long commands (a picocli mixin). */
final class ProgressOption {
  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      converter = ProgressOption.ModeConverter.class,
      description = "auto (a bar when standard error is a terminal, else plain), plain (a line"
          + " at each tenth of the work, with rate and ETA) or none (default: ${DEFAULT-VALUE}).")
  ProgressMode mode = ProgressMode.AUTO;

  /** Progress of {@code task} counted in {@code unit}s, drawn as this option says. */
  Progress start(ToolContext ctx, String task, String unit) {
    return Progress.start(ctx, mode, task, unit);
  }

  /** Parses auto, plain and none, in any case. */
  static final class ModeConverter implements picocli.CommandLine.ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      for (ProgressMode m : ProgressMode.values()) {
        if (m.name().equalsIgnoreCase(value)) {
          return m;
        }
      }
      throw new picocli.CommandLine.TypeConversionException(
          "not a progress mode: " + value + " (use auto, plain or none)");
    }
  }
}
