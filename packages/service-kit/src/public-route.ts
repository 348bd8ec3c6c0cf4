import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'jembatan:public';

/** Opens a route to callers without a token (login, health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
