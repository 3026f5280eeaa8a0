/**
 * msgpack-core (MessagePack for Java) as a named module, so that it can be compiled against,
 * tested on the module path and linked by jlink. The classes are the unmodified ones of the
 * upstream jar; only this descriptor is added.
 */
module org.msgpack.core {
  // MessageBuffer uses sun.misc.Unsafe unless -Dmsgpack.universal-buffer=true is set.
  requires jdk.unsupported;

  exports org.msgpack.core;
  exports org.msgpack.core.annotations;
  exports org.msgpack.core.buffer;
  exports org.msgpack.value;
  exports org.msgpack.value.impl;
}
