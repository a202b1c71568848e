package dev.vc.transport.udp.srtp;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * OpenSSL's libcrypto (3.x), looked up once through the foreign function API: the functions SRTP's AES-GCM calls, or
 * {@link #FAILURE}, why they are not there. Nothing is looked up unless this module's native access is enabled
 * ({@code --enable-native-access=dev.vc.transport.udp}, or {@code ALL-UNNAMED} on the class path), so a JVM without
 * the flag prints no warning and runs vc's Java ciphers.
 *
 * <p>Every pointer argument is passed as its address, a {@code long} (the same register on every 64-bit ABI the
 * JDK's linker supports), so a call builds no segment; the calls are {@linkplain Linker.Option#critical critical}
 * (short, no callbacks into Java).
 */
final class LibCrypto {
    /** {@code OSSL_PARAM_OCTET_STRING}, an {@code OSSL_PARAM}'s type for bytes. */
    static final int OCTET_STRING = 5;

    private static final List<String> NAMES = libraryNames();

    private static final MethodHandle CTX_NEW;
    private static final MethodHandle CTX_FREE;
    private static final MethodHandle AES_128_GCM;
    private static final MethodHandle CIPHER_INIT;
    private static final MethodHandle CIPHER_UPDATE;
    private static final MethodHandle CIPHER_FINAL;
    private static final MethodHandle GET_PARAMS;
    private static final MethodHandle SET_PARAMS;
    private static final MethodHandle ERR_CLEAR;
    /** The library's version text, or null when it is not loaded. */
    static final String VERSION;
    /** Why the library is not used, or null when it is. */
    static final String FAILURE;

    static {
        MethodHandle[] handles = new MethodHandle[9];
        String version = null;
        String failure = null;
        if (!LibCrypto.class.getModule().isNativeAccessEnabled()) {
            failure = "native access is not enabled for " + moduleName()
                    + " (start the JVM with --enable-native-access=" + moduleName() + ")";
        } else {
            try {
                SymbolLookup crypto = lookup();
                Linker linker = Linker.nativeLinker();
                Linker.Option critical = Linker.Option.critical(false);
                handles[0] = find(linker, crypto, "EVP_CIPHER_CTX_new", FunctionDescriptor.of(JAVA_LONG), critical);
                handles[1] = find(linker, crypto, "EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(JAVA_LONG),
                        critical);
                handles[2] = find(linker, crypto, "EVP_aes_128_gcm", FunctionDescriptor.of(JAVA_LONG), critical);
                handles[3] = find(linker, crypto, "EVP_CipherInit_ex", FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
                        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT), critical);
                handles[4] = find(linker, crypto, "EVP_CipherUpdate", FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
                        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT), critical);
                handles[5] = find(linker, crypto, "EVP_CipherFinal_ex", FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
                        JAVA_LONG, JAVA_LONG), critical);
                handles[6] = find(linker, crypto, "EVP_CIPHER_CTX_get_params", FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
                        JAVA_LONG), critical);
                handles[7] = find(linker, crypto, "ERR_clear_error", FunctionDescriptor.ofVoid(), critical);
                handles[8] = find(linker, crypto, "EVP_CIPHER_CTX_set_params", FunctionDescriptor.of(JAVA_INT, JAVA_LONG,
                        JAVA_LONG), critical);
                MethodHandle versionText = find(linker, crypto, "OpenSSL_version",
                        FunctionDescriptor.of(ADDRESS, JAVA_INT));
                version = ((MemorySegment) versionText.invokeExact(0)).reinterpret(256).getString(0);
            } catch (Throwable e) {
                failure = "libcrypto 3 (OpenSSL) was not found or lacks a function: " + e.getMessage();
                Arrays.fill(handles, null);
            }
        }
        CTX_NEW = handles[0];
        CTX_FREE = handles[1];
        AES_128_GCM = handles[2];
        CIPHER_INIT = handles[3];
        CIPHER_UPDATE = handles[4];
        CIPHER_FINAL = handles[5];
        GET_PARAMS = handles[6];
        ERR_CLEAR = handles[7];
        SET_PARAMS = handles[8];
        VERSION = version;
        FAILURE = failure;
    }

    private LibCrypto() {
    }

    /** @return {@code EVP_CIPHER_CTX_new()}, 0 when out of memory */
    static long newContext() {
        try {
            return (long) CTX_NEW.invokeExact();
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** {@code EVP_CIPHER_CTX_free(context)}: clears and frees it. */
    static void freeContext(long context) {
        try {
            CTX_FREE.invokeExact(context);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** @return {@code EVP_aes_128_gcm()} */
    static long aes128Gcm() {
        try {
            return (long) AES_128_GCM.invokeExact();
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** @return {@code EVP_CipherInit_ex(context, cipher, NULL, key, iv, encrypt)}: 1 on success */
    static int cipherInit(long context, long cipher, long key, long iv, int encrypt) {
        try {
            return (int) CIPHER_INIT.invokeExact(context, cipher, 0L, key, iv, encrypt);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** @return {@code EVP_CipherUpdate(context, out, outLength, in, length)}: 1 on success */
    static int cipherUpdate(long context, long out, long outLength, long in, int length) {
        try {
            return (int) CIPHER_UPDATE.invokeExact(context, out, outLength, in, length);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** @return {@code EVP_CipherFinal_ex(context, out, outLength)}: 1 on success, 0 when a tag does not match */
    static int cipherFinal(long context, long out, long outLength) {
        try {
            return (int) CIPHER_FINAL.invokeExact(context, out, outLength);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /**
     * The AEAD tag goes through these rather than {@code EVP_CIPHER_CTX_ctrl}, which in OpenSSL 3 builds the same
     * parameter list on every call and then calls them.
     *
     * @return {@code EVP_CIPHER_CTX_get_params(context, params)}: 1 on success
     */
    static int getParams(long context, long params) {
        try {
            return (int) GET_PARAMS.invokeExact(context, params);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** @return {@code EVP_CIPHER_CTX_set_params(context, params)}: 1 on success */
    static int setParams(long context, long params) {
        try {
            return (int) SET_PARAMS.invokeExact(context, params);
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** {@code ERR_clear_error()}: forgets this thread's errors (vc never prints them). */
    static void clearErrors() {
        try {
            ERR_CLEAR.invokeExact();
        } catch (Throwable e) {
            throw failed(e);
        }
    }

    /** A downcall throws only when the JDK refuses it (an {@link Error} is rethrown as it is). */
    private static RuntimeException failed(Throwable e) {
        if (e instanceof Error error) {
            throw error;
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("calling libcrypto failed", e);
    }

    private static String moduleName() {
        Module module = LibCrypto.class.getModule();
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }

    private static SymbolLookup lookup() {
        IllegalArgumentException last = null;
        for (String name : NAMES) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                last = e;
            }
        }
        throw new IllegalArgumentException("none of " + NAMES + " loads", last);
    }

    private static MethodHandle find(Linker linker, SymbolLookup crypto, String name, FunctionDescriptor signature,
            Linker.Option... options) {
        MemorySegment symbol = crypto.find(name)
                .orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
        return linker.downcallHandle(symbol, signature, options);
    }

    private static List<String> libraryNames() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return List.of("libcrypto.3.dylib");
        }
        if (os.contains("windows")) {
            return List.of("libcrypto-3-x64.dll", "libcrypto-3.dll");
        }
        return List.of("libcrypto.so.3");
    }
}
