package org.peerstore.tool;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a duration option in ISO-8601 form ({@code PT30M}, {@code PT2H}, {@code P1D}); a value
 * that is not one is refused with a message giving the format and examples, never a parser
 * class name. Stateless and thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration (for"
          + " example PT30M for 30 minutes, PT2H for two hours, P1D for one day)");
    }
  }
}
