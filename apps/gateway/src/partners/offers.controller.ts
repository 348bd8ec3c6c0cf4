import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CloseOfferBody,
  FamiliesForOfferQuery,
  OfferInput,
  OfferListQuery,
  OffersForFamilyQuery,
  ProductInput,
  ResourceMap,
} from '@jembatan/contracts';
import { z } from 'zod';
import { Roles } from '../auth/auth.guard.js';
import { BodySchema } from '../common/openapi.js';
import { Services } from '../common/rpc.provider.js';
import { Caller, type CallerContext } from '../common/request-context.js';
import { PersonalData } from '../audit/personal-data.js';

const Id = { schema: z.uuid() };
const ResourceMapQuery = ResourceMap.request;

/** Partners' offers and the broker's matching both ways. */
@ApiTags('offers')
@ApiBearerAuth()
@Controller('api')
export class OffersController {
  constructor(private readonly services: Services) {}

  @Post('offers')
  @Roles('partner')
  @BodySchema(OfferInput)
  post(
    @Body({ schema: OfferInput }) offer: z.input<typeof OfferInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.offer.post', { offer }, caller);
  }

  @Put('offers/:id')
  @Roles('partner')
  @BodySchema(OfferInput)
  update(
    @Param('id', Id) offerId: string,
    @Body({ schema: OfferInput }) offer: z.input<typeof OfferInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.offer.update', { offerId, offer }, caller);
  }

  @Post('offers/:id/close')
  @HttpCode(200)
  @Roles('partner')
  @BodySchema(CloseOfferBody)
  close(
    @Param('id', Id) offerId: string,
    @Body({ schema: CloseOfferBody }) body: z.input<typeof CloseOfferBody>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.offer.close', { ...body, offerId }, caller);
  }

  @Get('offers')
  list(
    @Query({ schema: OfferListQuery }) query: z.input<typeof OfferListQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.offer.list', query, caller);
  }

  @Get('offers/:id')
  get(@Param('id', Id) offerId: string, @Caller() caller: CallerContext) {
    return this.services.call('partners.offer.get', { offerId }, caller);
  }

  /** The families an offer fits, ranked: the assistant's caseload, or the reader's region. */
  @Get('offers/:id/families')
  @PersonalData('family')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  families(
    @Param('id', Id) offerId: string,
    @Query({ schema: FamiliesForOfferQuery }) query: z.input<typeof FamiliesForOfferQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.broker.families-for-offer', { ...query, offerId }, caller);
  }

  /** The offers a family fits, ranked, each with its reasons. */
  @Get('kpm/:id/offers')
  @PersonalData('family')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  offersForFamily(
    @Param('id', Id) kpmId: string,
    @Query({ schema: OffersForFamilyQuery }) query: z.input<typeof OffersForFamilyQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.broker.offers-for-family', { ...query, kpmId }, caller);
  }

  /** Partners, live offers and assessed demand per child region; gaps where demand has no offer. */
  @Get('resource-map')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  resourceMap(
    @Query({ schema: ResourceMapQuery }) query: z.input<typeof ResourceMapQuery>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.resource-map.get', query, caller);
  }

  /** A family business's products, for bazaars and buyers. */
  @Get('kpm/:id/products')
  @PersonalData('family')
  @Roles('assistant', 'coordinator', 'dinas', 'admin')
  products(@Param('id', Id) kpmId: string, @Caller() caller: CallerContext) {
    return this.services.call('partners.product.list', { kpmId }, caller);
  }

  @Post('kpm/:id/products')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(ProductInput)
  addProduct(
    @Param('id', Id) kpmId: string,
    @Body({ schema: ProductInput }) product: z.input<typeof ProductInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.product.save', { kpmId, product }, caller);
  }

  @Put('kpm/:id/products/:productId')
  @Roles('assistant', 'coordinator', 'admin')
  @BodySchema(ProductInput)
  updateProduct(
    @Param('id', Id) kpmId: string,
    @Param('productId', Id) productId: string,
    @Body({ schema: ProductInput }) product: z.input<typeof ProductInput>,
    @Caller() caller: CallerContext,
  ) {
    return this.services.call('partners.product.save', { kpmId, productId, product }, caller);
  }
}
