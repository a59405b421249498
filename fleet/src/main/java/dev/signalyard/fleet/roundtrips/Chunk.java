package dev.signalyard.fleet.roundtrips;

/**
 * A roundtrip under construction: trip indices into a {@link TripTable}, in time order.
 *
 * <p>Immutable by convention (the array is never changed after construction); confined to one
 * aggregation.
 *
 * @param members trip indices
 * @param km sum of the trips' km, summed in order
 * @param type how the roundtrip came about
 * @param spot index of the home start point, or -1 for an inbetween chunk without home
 */
record Chunk(int[] members, double km, AggregationType type, int spot) {

  int first() {
    return members[0];
  }

  int last() {
    return members[members.length - 1];
  }
}
