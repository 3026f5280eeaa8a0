package org.loombus.rpc;

import java.nio.charset.StandardCharsets;

/**
 * An RPC call failed: the callee answered an error reply, the bus refused the request, or the
 * call timed out. {@link #code()} is the i16 code of docs/protocol.md §4.2.
 */
public class RpcException extends Exception {
  private static final long serialVersionUID = 1L;
  /** Parse error, e.g. params that are not valid MessagePack. */
  public static final int PARSE = -32700;
  /** Invalid request. */
  public static final int INVALID_REQUEST = -32600;
  /** Method not found. */
  public static final int METHOD_NOT_FOUND = -32601;
  /** Invalid method params. */
  public static final int INVALID_PARAMS = -32602;
  /** Internal error of the handler. */
  public static final int INTERNAL = -32603;
  /** Not found (e.g. an unknown cursor). */
  public static final int NOT_FOUND = -32001;
  /** Base of bus-level errors: code = BUS_ERROR_BASE - result code (e.g. -32113 for 0x71). */
  public static final int BUS_ERROR_BASE = -32000;

  private final int code;
  private final byte[] data;

  /**
   * @param code the error code
   * @param data the error data (by convention a UTF-8 message; may be empty)
   */
  public RpcException(int code, byte[] data) {
    super("RPC error " + code + (data.length > 0 ? ": " + new String(data, StandardCharsets.UTF_8) : ""));
    this.code = code;
    this.data = data.clone();
  }

  /**
   * @param code the error code
   * @param message a message sent as the error data
   */
  public RpcException(int code, String message) {
    this(code, message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param code the error code, sent with empty data
   */
  public RpcException(int code) {
    this(code, new byte[0]);
  }

  /** @return the error code */
  public int code() {
    return code;
  }

  /** @return the error data */
  public byte[] data() {
    return data.clone();
  }
}
