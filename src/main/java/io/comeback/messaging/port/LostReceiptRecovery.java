package io.comeback.messaging.port;

/**
 * Gateways whose receipts can be lost implement it: texts whose status stopped moving are asked about again and
 * the answer is applied as the receipt that did not come. Run periodically, on one node at a time.
 */
public interface LostReceiptRecovery {

    void recoverLostReceipts();
}
