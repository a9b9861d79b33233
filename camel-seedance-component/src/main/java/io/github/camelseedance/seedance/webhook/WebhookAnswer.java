package io.github.camelseedance.seedance.webhook;

/**
 * What the webhook receiver answers one delivery: the HTTP status and a short plain-text reason.
 *
 * @param status the HTTP status: 200 taken, 400 malformed, 401 wrong token, 413 too large, 500 to be delivered again
 * @param text   the reason, empty when taken
 */
record WebhookAnswer(int status, String text) {

    /** Every result of the delivery taken (or taken before). */
    static final WebhookAnswer TAKEN = new WebhookAnswer(200, "");
}
