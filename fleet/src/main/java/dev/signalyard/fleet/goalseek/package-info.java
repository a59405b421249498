/**
 * Goal seek: searches the fleet (how many of which vehicle types) that drives the trips of a period
 * at the best mix of cost and CO2e for a prioritisation, with a genetic algorithm (Jenetics) over
 * type counts and full simulations of the best fleets. Pure Java: no Spring, no Kafka. Described in
 * {@code docs/simulation.md}, "Goal seek".
 */
package dev.signalyard.fleet.goalseek;
