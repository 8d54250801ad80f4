/**
 * The control plane's view of the data plane (emulator/dataplane/index.ts,
 * owned by the data-plane side): re-exported so the control plane imports
 * its contract from one place.
 */
import type { DataPlane, DataPlaneOptions } from "./dataplane/index";

export type { DataPlane, DataPlaneOptions, EndpointAddress, RoleAttrs, SuperuserConnection, TokenCheck } from "./dataplane/index";
export type DataPlaneFactory = (opts: DataPlaneOptions) => DataPlane;
