-- Fleet reference data: the system of record for locations, vehicles and simulation settings.
-- Every change is also written, in the same transaction, to the outbox; query-api's relay
-- publishes the outbox to the compacted topics fleet-locations, fleet-vehicles, fleet-settings.

CREATE TABLE vehicle_types (
  id   integer PRIMARY KEY,
  name text    NOT NULL UNIQUE
);

INSERT INTO vehicle_types (id, name) VALUES
  (1, 'cykel'),
  (2, 'elcykel'),
  (3, 'elbil'),
  (4, 'fossilbil');

-- refers_to: the base fuel a fuel is priced and emitted as (a base fuel refers to itself).
CREATE TABLE fuel_types (
  id        integer PRIMARY KEY,
  name      text    NOT NULL,
  refers_to integer NOT NULL REFERENCES fuel_types (id) DEFERRABLE INITIALLY DEFERRED
);

INSERT INTO fuel_types (id, name, refers_to) VALUES
  (1, 'benzin', 1),
  (2, 'diesel', 2),
  (3, 'el', 3),
  (4, 'hybrid', 1),
  (5, 'plugin hybrid benzin', 1),
  (6, 'plugin hybrid diesel', 2),
  (7, 'electric', 3),
  (8, 'electric', 3),
  (9, 'petrol', 1),
  (10, 'bike', 10),
  (11, 'hvo', 11);

-- The reference's allowed_starts.
CREATE TABLE locations (
  id            bigserial        PRIMARY KEY,
  address       text             NOT NULL,
  latitude      double precision NOT NULL,
  longitude     double precision NOT NULL,
  addition_date timestamptz      NOT NULL DEFAULT now(),
  deleted       boolean          NOT NULL DEFAULT false,
  updated_at    timestamptz      NOT NULL DEFAULT now()
);

-- The reference's allowed_start_additions: extra parking spots of a location.
CREATE TABLE parking_spots (
  id          bigserial        PRIMARY KEY,
  location_id bigint           NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
  latitude    double precision NOT NULL,
  longitude   double precision NOT NULL
);

CREATE INDEX parking_spots_location ON parking_spots (location_id);

-- Departments, under an administration (forvaltning): forvaltning -> location -> department.
CREATE TABLE departments (
  id          bigserial PRIMARY KEY,
  name        text      NOT NULL,
  forvaltning text,
  UNIQUE NULLS NOT DISTINCT (name, forvaltning)
);

-- Vehicle ids are fleet-system ids; vehicles created through the API take ids from 1,000,000.
CREATE SEQUENCE vehicle_ids START WITH 1000000;

CREATE TABLE vehicles (
  id                bigint           PRIMARY KEY,
  imei              text,
  plate             text,
  make              text,
  model             text,
  type_id           integer          REFERENCES vehicle_types (id),
  fuel_id           integer          REFERENCES fuel_types (id),
  wltp_fossil       double precision,
  wltp_el           double precision,
  capacity_decrease double precision,
  range_km          double precision,
  co2_pr_km         double precision,
  omkostning_aar    double precision,
  location_id       bigint           REFERENCES locations (id),
  start_leasing     date,
  end_leasing       date,
  leasing_type      integer,
  km_aar            double precision,
  sleep             double precision,
  department        text,
  forvaltning       text,
  description       text,
  deleted           boolean          NOT NULL DEFAULT false,
  disabled          boolean          NOT NULL DEFAULT false,
  test_vehicle      boolean          NOT NULL DEFAULT false,
  updated_at        timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX vehicles_location ON vehicles (location_id);

-- Simulation settings, key/value with the reference's key names. type: number, text or json.
CREATE TABLE simulation_settings (
  name  text PRIMARY KEY,
  value text NOT NULL,
  type  text NOT NULL CHECK (type IN ('number', 'text', 'json'))
);

INSERT INTO simulation_settings (name, value, type) VALUES
  ('el_udledning', '0.09', 'number'),
  ('benzin_udledning', '2.52', 'number'),
  ('diesel_udledning', '2.98', 'number'),
  ('hvo_udledning', '0.894', 'number'),
  ('pris_el', '2.13', 'number'),
  ('pris_benzin', '12.33', 'number'),
  ('pris_diesel', '10.83', 'number'),
  ('pris_hvo', '19.84', 'number'),
  ('vaerdisaetning_tons_co2', '1500', 'number'),
  ('sub_time', '5', 'number'),
  ('high', '2.17', 'number'),
  ('low', '3.7', 'number'),
  ('distance_threshold', '20000', 'number'),
  ('undriven_type', 'benzin', 'text'),
  ('undriven_wltp', '20', 'number'),
  ('keep_data', '24', 'number'),
  ('slack', '0', 'number'),
  ('max_undriven', '20', 'number'),
  ('bike_settings',
   '{"max_km_pr_trip":15,"percentage_of_trips":100,"bike_slots":[{"bike_start":"07:00","bike_end":"15:30"}],"bike_speed":20,"electrical_bike_speed":30}',
   'json'),
  ('vagt_dashboard',
   '[{"shift_start":"07:00","shift_end":"15:00","break":null},{"shift_start":"15:00","shift_end":"23:00","break":null},{"shift_start":"23:00","shift_end":"07:00","break":null}]',
   'json');

-- Transactional outbox: written in the same transaction as the change it announces, relayed to
-- Kafka in id order and marked published after the broker's acknowledgement.
CREATE TABLE outbox (
  id           bigserial   PRIMARY KEY,
  topic        text        NOT NULL,
  key          text        NOT NULL,
  payload      bytea       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
