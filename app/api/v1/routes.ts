/**
 * Every /api/v1 route module, imported for its contract: importing registers the route's spec in
 * this bundle's `routeContracts`, from which the OpenAPI document (openapi.json/route.ts) and the
 * readable API page (app/udviklere/api) are generated. A new /api/v1 route is added here.
 */
import "./[organisation]/token/route";
import "./[organisation]/ping/route";
import "./[organisation]/todos/route";
import "./[organisation]/todos/[todoId]/route";
import "./[organisation]/todos/[todoId]/completion/route";
import "./[organisation]/updates/route";
