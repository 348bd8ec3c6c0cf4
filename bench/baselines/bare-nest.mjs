// The bare-NestJS baseline: one GET route answering a constant, no database, no Kafka, on the
// same Express adapter the gateway uses. Run as its own process: node bare-nest.mjs <port>.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class PingController {
  ping() {
    return { ok: true };
  }
}
// Decorators applied by hand: this file is plain JavaScript.
Get()(
  PingController.prototype,
  'ping',
  Object.getOwnPropertyDescriptor(PingController.prototype, 'ping'),
);
Controller('ping')(PingController);
class BareModule {}
Module({ controllers: [PingController] })(BareModule);

const app = await NestFactory.create(BareModule, { logger: false });
await app.listen(Number(process.argv[2]), '127.0.0.1');
process.send?.('ready');
