import { createRequire } from 'node:module';
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

/**
 * Route schemas compiled when first needed, not all at `ready`: compiling every route's validators (Ajv) and
 * response serializers (fast-json-stringify) took ~0.6 s of CPU before the server could listen, most of it
 * for routes a given run never calls. What no request has needed yet is compiled a little at a time once the
 * server listens (`warmUp`), so a broken schema still shows in the log within seconds of start-up.
 */
export class LazySchemas {
  private readonly pending = new Set<() => unknown>();
  private warming: NodeJS.Immediate | undefined;

  /** A memoized `compile`: the first call compiles, later calls return the same result. */
  defer<T>(compile: () => T): () => T {
    let compiled: { value: T } | undefined;
    const get = (): T => {
      if (!compiled) {
        this.pending.delete(get);
        compiled = { value: compile() };
      }
      return compiled.value;
    };
    this.pending.add(get);
    return get;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Compiles everything still pending now; throws the first schema that does not compile (tests). */
  compileAll(): void {
    for (const compile of [...this.pending]) compile();
  }

  /** Compiles what is still pending, one schema per turn of the event loop, so requests go first. */
  warmUp(log: FastifyBaseLogger): void {
    const next = () => {
      const compile = this.pending.values().next().value;
      if (!compile) {
        this.warming = undefined;
        return;
      }
      try {
        compile();
      } catch (err) {
        // The route answers 500 when called; the log says which schema is broken now, not then.
        this.pending.delete(compile);
        log.error({ err }, 'a route schema does not compile');
      }
      this.warming = setImmediate(next);
    };
    this.warming ??= setImmediate(next);
  }

  stop(): void {
    if (this.warming) clearImmediate(this.warming);
    this.warming = undefined;
  }
}

type SerializerBuilder = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']>;

/**
 * Fastify's own response serializer builder (fast-json-stringify), with each route's serializer built on
 * first use. The builder is Fastify's dependency, reached through Fastify so the two always match.
 */
export function lazySerializerBuilder(schemas: LazySchemas): SerializerBuilder {
  // Loaded with the first serializer compiled: fast-json-stringify's modules are start-up time too.
  let builder: SerializerBuilder | undefined;
  const fastifyBuilder = (): SerializerBuilder => {
    const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
    return (fromFastify('@fastify/fast-json-stringify-compiler') as () => SerializerBuilder)();
  };
  return (externalSchemas, serializerOpts) => {
    let compileRoute: ReturnType<SerializerBuilder> | undefined;
    return (route) => {
      const serializer = schemas.defer(() => (compileRoute ??= (builder ??= fastifyBuilder())(externalSchemas, serializerOpts))(route));
      return (data: unknown) => serializer()(data);
    };
  };
}
