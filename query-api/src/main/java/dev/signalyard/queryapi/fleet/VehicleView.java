package dev.signalyard.queryapi.fleet;

import dev.signalyard.schemas.fleet.FleetVehicle;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A fleet vehicle with every field of the reference's cars table, as the API shows it and as a
 * PATCH is merged into it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id fleet-system id; vehicles created through the API get ids from 1,000,000
 * @param imei tracker IMEI or fleet-system external id
 * @param plate registration plate
 * @param make make
 * @param model model
 * @param typeId vehicle type: 1 bike, 2 e-bike, 3 EV, 4 fossil car
 * @param fuelId fuel type id, see {@code GET /api/fleet/fuel-types}
 * @param wltpFossil WLTP consumption in km per litre (fossil cars only)
 * @param wltpEl WLTP consumption in Wh per km (EVs only)
 * @param capacityDecrease range loss in percent
 * @param rangeKm range in km
 * @param co2PrKm g CO2 per km as registered (informational)
 * @param omkostningAar fixed yearly cost in DKK, fuel excluded
 * @param locationId home location id
 * @param startLeasing leasing start date
 * @param endLeasing leasing end date (required for leasing types 1 and 2)
 * @param leasingType 1 operational, 2 financial, 3 owned
 * @param kmAar leased km per year
 * @param sleep charging hours per day (EVs; the simulation uses 7 when unset)
 * @param department department
 * @param forvaltning administration above the location
 * @param description free text
 * @param deleted deleted (soft)
 * @param disabled excluded from simulations
 * @param testVehicle a vehicle that exists only for goal-seek tests
 * @param updatedAt when the last change was committed
 */
public record VehicleView(
    long id,
    String imei,
    String plate,
    String make,
    String model,
    Integer typeId,
    Integer fuelId,
    Double wltpFossil,
    Double wltpEl,
    Double capacityDecrease,
    Double rangeKm,
    Double co2PrKm,
    Double omkostningAar,
    Long locationId,
    LocalDate startLeasing,
    LocalDate endLeasing,
    Integer leasingType,
    Double kmAar,
    Double sleep,
    String department,
    String forvaltning,
    String description,
    boolean deleted,
    boolean disabled,
    boolean testVehicle,
    Instant updatedAt) {

  /** A vehicle with no field set, the base a POST body is merged into. */
  static VehicleView blank() {
    return new VehicleView(
        0, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, false, false, false, null);
  }

  VehicleView withId(long newId, Instant at) {
    return new VehicleView(
        newId,
        imei,
        plate,
        make,
        model,
        typeId,
        fuelId,
        wltpFossil,
        wltpEl,
        capacityDecrease,
        rangeKm,
        co2PrKm,
        omkostningAar,
        locationId,
        startLeasing,
        endLeasing,
        leasingType,
        kmAar,
        sleep,
        department,
        forvaltning,
        description,
        deleted,
        disabled,
        testVehicle,
        at);
  }

  VehicleView asDeleted(Instant at) {
    return new VehicleView(
        id,
        imei,
        plate,
        make,
        model,
        typeId,
        fuelId,
        wltpFossil,
        wltpEl,
        capacityDecrease,
        rangeKm,
        co2PrKm,
        omkostningAar,
        locationId,
        startLeasing,
        endLeasing,
        leasingType,
        kmAar,
        sleep,
        department,
        forvaltning,
        description,
        true,
        disabled,
        testVehicle,
        at);
  }

  FleetVehicle toAvro() {
    return FleetVehicle.newBuilder()
        .setId(id)
        .setImei(imei)
        .setPlate(plate)
        .setMake(make)
        .setModel(model)
        .setTypeId(typeId)
        .setFuelId(fuelId)
        .setWltpFossil(wltpFossil)
        .setWltpEl(wltpEl)
        .setCapacityDecrease(capacityDecrease)
        .setRangeKm(rangeKm)
        .setCo2PrKm(co2PrKm)
        .setOmkostningAar(omkostningAar)
        .setLocationId(locationId)
        .setStartLeasing(startLeasing)
        .setEndLeasing(endLeasing)
        .setLeasingType(leasingType)
        .setKmAar(kmAar)
        .setSleep(sleep)
        .setDepartment(department)
        .setForvaltning(forvaltning)
        .setDescription(description)
        .setDeleted(deleted)
        .setDisabled(disabled)
        .setTestVehicle(testVehicle)
        .setUpdatedAt(updatedAt)
        .build();
  }
}
