package dev.signalyard.fleet.simulation;

/**
 * What an allocator needs besides trips and fleet: where to report progress, when to stop, and the
 * period. Not thread-safe: one per run.
 */
public final class AllocationContext {
  private final ProgressListener progress;
  private final Cancellation cancellation;
  private final double periodDays;
  private final double fractionFrom;
  private final double fractionTo;

  /**
   * @param progress listener for progress
   * @param cancellation asked in loops
   * @param periodDays the period length in days used for yearly scaling and {@code km_aar}
   * @param fractionFrom progress fraction when allocation starts
   * @param fractionTo progress fraction when allocation ends
   */
  public AllocationContext(
      ProgressListener progress,
      Cancellation cancellation,
      double periodDays,
      double fractionFrom,
      double fractionTo) {
    this.progress = progress;
    this.cancellation = cancellation;
    this.periodDays = periodDays;
    this.fractionFrom = fractionFrom;
    this.fractionTo = fractionTo;
  }

  /** The period length in days (see {@link PeriodDays}). */
  public double periodDays() {
    return periodDays;
  }

  /**
   * Throws when cancelled, and reports {@code done} of {@code total} trips as progress.
   *
   * @throws SimulationCancelledException when the cancellation says so
   */
  public void checkpoint(int done, int total) {
    if (cancellation.isCancelled()) {
      throw new SimulationCancelledException();
    }
    double share = total == 0 ? 1 : (double) done / total;
    progress.progress(
        fractionFrom + (fractionTo - fractionFrom) * share,
        "allocated " + done + " of " + total + " trips");
  }
}
