// Opens Razorpay Checkout for the order on the page; Razorpay then POSTs the
// signed result to our callback URL (redirect mode), which verifies it.
(function () {
  var button = document.getElementById("razorpay-pay");
  if (!button || typeof Razorpay === "undefined") { return; }
  button.addEventListener("click", function () {
    var checkout = new Razorpay({
      key: button.dataset.key,
      order_id: button.dataset.orderId,
      amount: button.dataset.amount,
      currency: "INR",
      name: "Mockomi",
      description: "Mock interview",
      callback_url: button.dataset.callbackUrl,
      redirect: true
    });
    checkout.open();
  });
})();
