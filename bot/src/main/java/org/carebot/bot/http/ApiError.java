package org.carebot.bot.http;

/** An HTTP error with a reason for the JSON body {@code {"error": reason}}. Mapped in {@link HttpApp}. */
public final class ApiError extends RuntimeException {

    private final int status;

    public ApiError(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiError badRequest(String reason) {
        return new ApiError(400, reason);
    }
}
