import type { DataPlaneFactory } from "./dataPlanePort";
import { createDataPlane } from "./dataplane/index";

/** The data plane startEmulator uses unless told otherwise: embedded PostgreSQL clusters. */
export const defaultDataPlaneFactory: DataPlaneFactory = createDataPlane;
